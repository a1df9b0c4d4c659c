/**
 * The tags the provider's data sources report: every tag but those whose key it leaves out as
 * Alibaba Cloud's own (terraform-provider-alicloud v1.289.0 `alicloud/tags.go:746`
 * `ignoredTags`, and `service_alicloud_ecs.go:1591` `tagsToMap` with the same prefixes).
 */
const IGNORED_TAG_KEY = /^(aliyun|acs:|http:\/\/|https:\/\/)/;

export function reportedTags(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !IGNORED_TAG_KEY.test(k)));
}

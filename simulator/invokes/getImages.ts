/**
 * `alicloud:ecs/getImages:getImages` (terraform-provider-alicloud
 * `alicloud/data_source_alicloud_images.go`): one of `nameRegex`, `owners`, `mostRecent`,
 * `imageOwnerId` is required; `owners`, `imageName` and `status` (schema default `Available`)
 * go to DescribeImages (`ImageOwnerAlias`, `ImageName`, `Status`), `nameRegex` is applied
 * client-side. Only the account's own images are modelled (`owners: "self"`); other filters and
 * owners are refused, not ignored.
 */
import { describeImages } from "../model";
import type { ServedInvoke } from "../served";

/** The arguments this invoke serves. */
const SERVED_ARGS = new Set(["owners", "imageName", "status", "nameRegex"]);
/** The statuses the data source's schema allows (StringInSlice). */
const STATUSES = ["Available", "Creating", "Waiting", "UnAvailable", "CreateFailed", "Deprecated"];

export const getImages = {
  kind: "invoke",
  token: "alicloud:ecs/getImages:getImages" as const,

  invoke(cloud, inputs) {
    const unserved = Object.keys(inputs).filter((k) => inputs[k] !== undefined && !SERVED_ARGS.has(k));
    if (unserved.length > 0)
      throw new Error(`the simulator does not answer getImages with ${unserved.join(", ")} (not modelled)`);
    const owners = inputs.owners as string | undefined;
    const nameRegex = inputs.nameRegex as string | undefined;
    if (owners === undefined && nameRegex === undefined)
      throw new Error("One of name_regex, owners, most_recent or image_owner_id must be assigned");
    if (owners !== undefined && owners !== "self")
      throw new Error(`the simulator holds the account's own images only: owners "${owners}" is not modelled`);
    const status = (inputs.status as string | undefined) ?? "Available";
    if (!STATUSES.includes(status))
      throw new Error(`expected status to be one of ${JSON.stringify(STATUSES)}, got ${status}`);
    const regex = nameRegex === undefined ? undefined : new RegExp(nameRegex);
    const images = describeImages(cloud, { imageName: inputs.imageName as string | undefined, status }).filter(
      (i) => !regex || (i.imageName !== "" && regex.test(i.imageName)),
    );
    return {
      id: cloud.regionId,
      ids: images.map((i) => i.id),
      images: images.map((i) => ({
        id: i.id,
        imageId: i.id,
        name: i.imageName,
        architecture: i.architecture,
        platform: i.platform,
        description: i.description,
        status: i.status,
        state: i.status,
        creationTime: i.createTime,
        imageOwnerAlias: "self",
        diskDeviceMappings: i.snapshotIds.map((snapshotId) => ({ snapshotId })),
        tags: i.tags,
      })),
    };
  },
} satisfies ServedInvoke;

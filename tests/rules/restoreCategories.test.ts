import {
  PROVIDER_DISK_CATEGORIES,
  RESTORE_DISK_CATEGORIES,
  IMAGE_PLATFORMS,
  checkRestoreDisk,
  validatePlatform,
  validateRestoreCategory,
} from "../../components";

describe("restore categories the provider accepts", () => {
  test("3.108's ecs.EcsDisk list, without cloud_regional_disk_auto", () => {
    expect(PROVIDER_DISK_CATEGORIES).not.toContain("cloud_regional_disk_auto");
    expect([...RESTORE_DISK_CATEGORIES].sort()).toEqual(["cloud_auto", "cloud_essd", "cloud_essd_entry"]);
  });
  test("cloud_regional_disk_auto is refused, naming the provider and the list", () => {
    const [problem] = validateRestoreCategory("cloud_regional_disk_auto");
    expect(problem).toMatch(/ecs.EcsDisk of @pulumi\/alicloud 3.108 does not accept that category/);
    expect(problem).toContain("cloud_essd, cloud_auto, cloud_essd_entry");
    expect(checkRestoreDisk({ category: "cloud_regional_disk_auto" }, { disk: "d-1" })).toHaveLength(1);
  });
  test.each(RESTORE_DISK_CATEGORIES)("%s is accepted", (c) => expect(validateRestoreCategory(c)).toEqual([]));
  test("the docs' spelling gets a hint; a non-ESSD category is refused", () => {
    expect(validateRestoreCategory("cloudAuto")[0]).toContain('the API value is "cloud_auto"');
    expect(validateRestoreCategory("cloud_efficiency")[0]).toContain("must be ESSD-series");
  });
});

describe("image platforms the provider accepts", () => {
  test("3.108's ecs.Image list: 26 values", () => {
    expect(IMAGE_PLATFORMS).toHaveLength(26);
    expect(IMAGE_PLATFORMS).toContain("CentOS Stream");
  });
  test.each(["Aliyun", "Windows Server 2022", "Others Linux"])("%s is accepted", (p) =>
    expect(validatePlatform(p)).toEqual([]),
  );
  test("another value is refused with the list; a wrong case gets the right spelling", () => {
    expect(validatePlatform("Windows")[0]).toMatch(
      /^platform is "Windows"; ecs.Image of @pulumi\/alicloud 3.108 accepts one of Aliyun, /,
    );
    expect(validatePlatform("aliyun")[0]).toContain('Did you mean "Aliyun"?');
    expect(validatePlatform("")).toHaveLength(1);
  });
});

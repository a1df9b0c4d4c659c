import {
  PROVIDER_DISK_CATEGORIES,
  RESTORE_DISK_CATEGORIES,
  checkRestoreDisk,
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

import { ESSD_SERIES, FLASH_CATEGORIES, apiSpelling, isEssdSeries } from "../../components/rules/categories";

describe("ESSD_SERIES", () => {
  test("lists exactly the ESSD-series categories, in API spelling", () => {
    expect([...ESSD_SERIES].sort()).toEqual(
      ["cloud_auto", "cloud_essd", "cloud_essd_entry", "cloud_regional_disk_auto"].sort(),
    );
  });
});

describe("FLASH_CATEGORIES", () => {
  test("is cloud_essd only", () => {
    expect(FLASH_CATEGORIES).toEqual(["cloud_essd"]);
  });
});

describe("isEssdSeries", () => {
  test.each(["cloud_essd", "cloud_auto", "cloud_essd_entry", "cloud_regional_disk_auto"])("%s is ESSD series", (c) => {
    expect(isEssdSeries(c)).toBe(true);
  });

  test.each(["cloud_efficiency", "cloud_ssd", "cloud", "cloudEssd", "CLOUD_ESSD", "", "cloud_essd "])(
    "%j is not ESSD series",
    (c) => {
      expect(isEssdSeries(c)).toBe(false);
    },
  );
});

describe("apiSpelling", () => {
  test.each([
    ["cloudEssd", "cloud_essd"],
    ["cloudAuto", "cloud_auto"],
    ["cloudEssdEntry", "cloud_essd_entry"],
    ["cloudRegionalDiskAuto", "cloud_regional_disk_auto"],
    ["cloudEfficiency", "cloud_efficiency"],
  ])("%s -> %s", (doc, api) => {
    expect(apiSpelling(doc)).toBe(api);
  });

  test.each(["cloud_essd", "cloud_auto", "cloud_efficiency", "cloud"])(
    "%s (already API spelling) is unchanged",
    (c) => {
      expect(apiSpelling(c)).toBe(c);
    },
  );
});

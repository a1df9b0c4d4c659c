import { deriveImageName, imageNameSuffix } from "../../components";

describe("derived image names follow what forces a new image", () => {
  test("generation, platform and architecture, in that order; none: no suffix", () => {
    expect(imageNameSuffix("g1", "Aliyun", "x86_64")).toBe("g1-Aliyun-x86_64");
    expect(imageNameSuffix(undefined, undefined, undefined)).toBeUndefined();
    expect(imageNameSuffix("g1", undefined, undefined)).toBe("g1");
  });
  test("a change of platform changes the name, so the new image never meets the old one's", () => {
    const before = deriveImageName("web-golden", imageNameSuffix("g1", "Aliyun", "x86_64"));
    const after = deriveImageName("web-golden", imageNameSuffix("g1", "CentOS Stream", "x86_64"));
    expect(before).toBe("web-golden-g1-Aliyun-x86_64");
    expect(after).toBe("web-golden-g1-CentOS-Stream-x86_64");
  });
});

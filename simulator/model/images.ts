/**
 * DescribeImages over the account's own images (`ImageOwnerAlias=self`), with the filters the
 * provider's getImages sends: `ImageName`, `Status`. Sources (simulator/FIDELITY.md rows
 * "getImages …"): the ECS API reference of DescribeImages says ImageName is matched fuzzily and
 * Status defaults to `Available`; terraform-provider-alicloud `data_source_alicloud_images.go`
 * sends `status` with the schema default `Available`.
 */
import type { SimulatedCloud } from "./cloud";
import type { SimImage } from "./types";

/** The filters of DescribeImages that are modelled. */
export interface DescribeImagesRequest {
  /** Matched fuzzily by ECS: here, every image whose name contains it (the stricter reading). */
  imageName?: string;
  /** One status; `Available` when not sent. */
  status?: string;
}

/** The account's images that match, in the order they were made. */
export function describeImages(cloud: SimulatedCloud, req: DescribeImagesRequest): SimImage[] {
  cloud.call("DescribeImages");
  const status = req.status || "Available";
  return cloud.state.images.filter(
    (i) => i.status === status && (!req.imageName || i.imageName.includes(req.imageName)),
  );
}

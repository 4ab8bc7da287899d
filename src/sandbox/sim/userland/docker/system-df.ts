/** docker system df (cli/command/system/df.go, formatter/disk_usage.go): one row per kind of storage. */
import { diskUsage } from '../../daemon/disk-usage.ts';
import type { DockerCall } from './command.ts';
import { printFormatted } from './formatter.ts';
import { humanSize } from './humanize.ts';

const DEFAULT_FORMAT = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };

/** "1.2MB (45%)" when there is anything at all, else the bare size (the formatter's Reclaimable). */
function reclaimableText(reclaimable: number, total: number): string {
  return total > 0 ? `${humanSize(reclaimable)} (${Math.trunc((reclaimable * 100) / total)}%)` : humanSize(reclaimable);
}

/** docker system df [--format]. */
export async function systemDf({ p, ctx, flags }: DockerCall): Promise<number> {
  const du = diskUsage(p.daemon);
  const usedImages = du.images.filter((u) => u.containers > 0);
  const imagesReclaimable = du.layersSize - usedImages.reduce((sum, u) => sum + u.image.size, 0);
  const containersSize = du.containers.reduce((sum, u) => sum + u.sizeRw, 0);
  const containersReclaimable = du.containers.filter((u) => !u.active).reduce((sum, u) => sum + u.sizeRw, 0);
  const rows = [
    { Type: 'Images', TotalCount: String(du.images.length), Active: String(usedImages.length), Size: humanSize(du.layersSize), Reclaimable: reclaimableText(imagesReclaimable, du.layersSize) },
    {
      Type: 'Containers',
      TotalCount: String(du.containers.length),
      Active: String(du.containers.filter((u) => u.active).length),
      Size: humanSize(containersSize),
      Reclaimable: reclaimableText(containersReclaimable, containersSize),
    },
    { Type: 'Local Volumes', TotalCount: '0', Active: '0', Size: humanSize(0), Reclaimable: reclaimableText(0, 0) },
    { Type: 'Build Cache', TotalCount: '0', Active: '0', Size: humanSize(0), Reclaimable: humanSize(0) },
  ];
  return printFormatted(ctx, flags.string('format') || DEFAULT_FORMAT, rows, HEADERS);
}

/**
 * The daemon's disk usage (moby daemon/disk_usage.go, GET /system/df): images with the number of
 * containers using each, containers with the size of their writable layer. The course images
 * share no layers, so an image's size is all its own. Volumes and the build cache are not used
 * in this sandbox: they stay empty.
 */
import type { Container } from './container.ts';
import type { Daemon } from './daemon.ts';
import type { Image } from './image-catalog.ts';
import { writableLayerSize } from './prune.ts';

/** One image and how many containers (in any state) were made from it. */
export interface ImageUsage {
  image: Image;
  containers: number;
}

/** One container, the size of its writable layer and whether it runs (running or paused). */
export interface ContainerUsage {
  container: Container;
  sizeRw: number;
  active: boolean;
}

/** What /system/df answers. */
export interface DiskUsage {
  layersSize: number;
  images: ImageUsage[];
  containers: ContainerUsage[];
}

/** The daemon's disk usage now. */
export function diskUsage(d: Daemon): DiskUsage {
  const images = d.images.map((image) => ({ image, containers: d.containers.filter((c) => c.config.image.id === image.id).length }));
  const containers = d.containers.map((c) => ({ container: c, sizeRw: writableLayerSize(c), active: c.status === 'running' }));
  return { layersSize: images.reduce((sum, u) => sum + u.image.size, 0), images, containers };
}

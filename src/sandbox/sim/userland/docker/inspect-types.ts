/**
 * The Go types of what `docker inspect` returns (Docker 20.10's api/types), for templates: field
 * order, Go names (`DNS` whose JSON key is `Dns`), pointers, maps and slices. A field not listed
 * here is still reachable through the CLI's raw-map fallback, as on a real engine.
 */
import { BOOL, EMPTY_STRUCT, embed, field, INT, INT64, INTERFACE, map, named, ptr, slice, STRING, struct, TIME, type GoField, type GoType } from './go-types.ts';

const strings = (name: string): GoField => field(name, slice(STRING));
const str = (name: string, json?: string): GoField => field(name, STRING, json);
const bool = (name: string): GoField => field(name, BOOL);
const int = (name: string): GoField => field(name, INT);
const STRING_MAP = map(STRING, STRING);
const STR_SLICE = slice(STRING, 'strslice.StrSlice');

const PORT = named('nat.Port');
const PORT_BINDING = struct('nat.PortBinding', [str('HostIP', 'HostIp'), str('HostPort')]);
const PORT_MAP = map(PORT, slice(PORT_BINDING), 'nat.PortMap');
const PORT_SET = map(PORT, EMPTY_STRUCT, 'nat.PortSet');

const HEALTH = struct('types.Health', [str('Status'), int('FailingStreak'), field('Log', slice(ptr(INTERFACE)))]);

const CONTAINER_STATE = struct('types.ContainerState', [
  str('Status'),
  bool('Running'),
  bool('Paused'),
  bool('Restarting'),
  bool('OOMKilled'),
  bool('Dead'),
  int('Pid'),
  int('ExitCode'),
  str('Error'),
  str('StartedAt'),
  str('FinishedAt'),
  field('Health', ptr(HEALTH)),
]);

const HOST_CONFIG = struct('container.HostConfig', [
  strings('Binds'),
  str('ContainerIDFile'),
  field('LogConfig', struct('container.LogConfig', [str('Type'), field('Config', STRING_MAP)])),
  field('NetworkMode', named('container.NetworkMode')),
  field('PortBindings', PORT_MAP),
  field('RestartPolicy', struct('container.RestartPolicy', [str('Name'), int('MaximumRetryCount')])),
  bool('AutoRemove'),
  str('VolumeDriver'),
  strings('VolumesFrom'),
  field('CapAdd', STR_SLICE),
  field('CapDrop', STR_SLICE),
  field('CgroupnsMode', named('container.CgroupnsMode')),
  field('DNS', slice(STRING), 'Dns'),
  field('DNSOptions', slice(STRING), 'DnsOptions'),
  field('DNSSearch', slice(STRING), 'DnsSearch'),
  strings('ExtraHosts'),
  strings('GroupAdd'),
  field('IpcMode', named('container.IpcMode')),
  field('Cgroup', named('container.CgroupSpec')),
  strings('Links'),
  int('OomScoreAdj'),
  field('PidMode', named('container.PidMode')),
  bool('Privileged'),
  bool('PublishAllPorts'),
  bool('ReadonlyRootfs'),
  strings('SecurityOpt'),
  field('UTSMode', named('container.UTSMode')),
  field('UsernsMode', named('container.UsernsMode')),
  field('ShmSize', INT64),
  str('Runtime'),
]);

const CONTAINER_CONFIG = struct('container.Config', [
  str('Hostname'),
  str('Domainname'),
  str('User'),
  bool('AttachStdin'),
  bool('AttachStdout'),
  bool('AttachStderr'),
  field('ExposedPorts', PORT_SET),
  bool('Tty'),
  bool('OpenStdin'),
  bool('StdinOnce'),
  strings('Env'),
  field('Cmd', STR_SLICE),
  field('Healthcheck', ptr(struct('container.HealthConfig', [strings('Test')]))),
  bool('ArgsEscaped'),
  str('Image'),
  field('Volumes', map(STRING, EMPTY_STRUCT)),
  str('WorkingDir'),
  field('Entrypoint', STR_SLICE),
  bool('NetworkDisabled'),
  str('MacAddress'),
  strings('OnBuild'),
  field('Labels', STRING_MAP),
  str('StopSignal'),
  field('StopTimeout', ptr(INT)),
  field('Shell', STR_SLICE),
]);

const ENDPOINT_IPAM_CONFIG = struct('network.EndpointIPAMConfig', [str('IPv4Address'), str('IPv6Address'), strings('LinkLocalIPs')]);

const ENDPOINT_SETTINGS = struct('network.EndpointSettings', [
  field('IPAMConfig', ptr(ENDPOINT_IPAM_CONFIG)),
  strings('Links'),
  strings('Aliases'),
  str('NetworkID'),
  str('EndpointID'),
  str('Gateway'),
  str('IPAddress'),
  int('IPPrefixLen'),
  str('IPv6Gateway'),
  str('GlobalIPv6Address'),
  int('GlobalIPv6PrefixLen'),
  str('MacAddress'),
  field('DriverOpts', STRING_MAP),
]);

const ADDRESS = struct('network.Address', [str('Addr'), int('PrefixLen')]);

const NETWORK_SETTINGS = struct('types.NetworkSettings', [
  embed(
    struct('types.NetworkSettingsBase', [
      str('Bridge'),
      str('SandboxID'),
      bool('HairpinMode'),
      str('LinkLocalIPv6Address'),
      int('LinkLocalIPv6PrefixLen'),
      field('Ports', PORT_MAP),
      str('SandboxKey'),
      field('SecondaryIPAddresses', slice(ADDRESS)),
      field('SecondaryIPv6Addresses', slice(ADDRESS)),
    ]),
  ),
  embed(
    struct('types.DefaultNetworkSettings', [
      str('EndpointID'),
      str('Gateway'),
      str('GlobalIPv6Address'),
      int('GlobalIPv6PrefixLen'),
      str('IPAddress'),
      int('IPPrefixLen'),
      str('IPv6Gateway'),
      str('MacAddress'),
    ]),
  ),
  field('Networks', map(STRING, ptr(ENDPOINT_SETTINGS))),
]);

const MOUNT_POINT = struct('types.MountPoint', [
  field('Type', named('mount.Type')),
  str('Name'),
  str('Source'),
  str('Destination'),
  str('Driver'),
  str('Mode'),
  bool('RW'),
  field('Propagation', named('mount.Propagation')),
]);

const GRAPH_DRIVER = struct('types.GraphDriverData', [field('Data', STRING_MAP), str('Name')]);

/** types.ContainerJSON: what `docker inspect CONTAINER` hands the template. */
export const CONTAINER_JSON: GoType = struct('types.ContainerJSON', [
  embed(
    ptr(
      struct('types.ContainerJSONBase', [
        str('ID', 'Id'),
        str('Created'),
        str('Path'),
        strings('Args'),
        field('State', ptr(CONTAINER_STATE)),
        str('Image'),
        str('ResolvConfPath'),
        str('HostnamePath'),
        str('HostsPath'),
        str('LogPath'),
        field('Node', ptr(struct('types.ContainerNode', [str('ID'), str('IPAddress', 'IP'), str('Addr'), str('Name')]))),
        str('Name'),
        int('RestartCount'),
        str('Driver'),
        str('Platform'),
        str('MountLabel'),
        str('ProcessLabel'),
        str('AppArmorProfile'),
        strings('ExecIDs'),
        field('HostConfig', ptr(HOST_CONFIG)),
        field('GraphDriver', GRAPH_DRIVER),
        field('SizeRw', ptr(INT64)),
        field('SizeRootFs', ptr(INT64)),
      ]),
    ),
  ),
  field('Mounts', slice(MOUNT_POINT)),
  field('Config', ptr(CONTAINER_CONFIG)),
  field('NetworkSettings', ptr(NETWORK_SETTINGS)),
]);

const IPAM_CONFIG = struct('network.IPAMConfig', [str('Subnet'), str('IPRange'), str('Gateway'), field('AuxAddress', STRING_MAP, 'AuxiliaryAddresses')]);

/** types.NetworkResource: what `docker network inspect` (and `docker inspect NETWORK`) hands the template. */
export const NETWORK_RESOURCE: GoType = struct('types.NetworkResource', [
  str('Name'),
  str('ID', 'Id'),
  field('Created', TIME),
  str('Scope'),
  str('Driver'),
  bool('EnableIPv6'),
  field('IPAM', struct('network.IPAM', [str('Driver'), field('Options', STRING_MAP), field('Config', slice(IPAM_CONFIG))])),
  bool('Internal'),
  bool('Attachable'),
  bool('Ingress'),
  field('ConfigFrom', struct('network.ConfigReference', [str('Network')])),
  bool('ConfigOnly'),
  field('Containers', map(STRING, struct('types.EndpointResource', [str('Name'), str('EndpointID'), str('MacAddress'), str('IPv4Address'), str('IPv6Address')]))),
  field('Options', STRING_MAP),
  field('Labels', STRING_MAP),
  field('Peers', slice(struct('network.PeerInfo', [str('Name'), str('IP')]))),
  field('Services', map(STRING, INTERFACE)),
]);

/** types.ImageInspect: what `docker image inspect` hands the template. */
export const IMAGE_INSPECT: GoType = struct('types.ImageInspect', [
  str('ID', 'Id'),
  strings('RepoTags'),
  strings('RepoDigests'),
  str('Parent'),
  str('Comment'),
  str('Created'),
  str('Container'),
  field('ContainerConfig', ptr(CONTAINER_CONFIG)),
  str('DockerVersion'),
  str('Author'),
  field('Config', ptr(CONTAINER_CONFIG)),
  str('Architecture'),
  str('Variant'),
  str('Os'),
  str('OsVersion'),
  field('Size', INT64),
  field('VirtualSize', INT64),
  field('GraphDriver', GRAPH_DRIVER),
  field('RootFS', struct('types.RootFS', [str('Type'), strings('Layers'), str('BaseLayer')])),
  field('Metadata', struct('types.ImageMetadata', [field('LastTagTime', TIME)])),
]);

import { type AnyDefinition, loadSync, type PackageDefinition } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoPath as HEALTH_PROTO } from 'grpc-health-check';
import { FileDescriptorProto, type IDescriptorProto, type IFileDescriptorProto } from 'protobufjs/ext/descriptor';
import { BILLING_V1_PROTO, GOOGLE_RPC_PROTOS } from '@billing/contracts';
import { BILLING_PROTO_OPTIONS } from './billing-proto';

/**
 * gRPC server reflection (v1 and v1alpha) over every file a client needs without proto
 * files of its own: billing.v1, grpc.health.v1, and google.rpc's status and error details,
 * which no service names but every failed call carries. Loaded with the proto's own field
 * names (`duration_seconds`, not the camelCase the handlers read).
 */
export function serverReflection(): ReflectionService {
  const definition = loadSync([BILLING_V1_PROTO, HEALTH_PROTO, ...GOOGLE_RPC_PROTOS], { ...BILLING_PROTO_OPTIONS, keepCase: true });
  return new ReflectionService(linkable(definition));
}

const descriptorsOf = (entry: AnyDefinition): readonly Buffer[] | undefined => (entry as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos;

/**
 * What proto-loader (through protobufjs) describes, made into descriptors a client can link
 * (grpcurl links them as protoc would): it merges the files of a package into one
 * (`billing_v1.proto`) that lists no imports, so `google.protobuf.Timestamp` cannot be
 * found (grpc-node issue 2958); and it writes a message's reserved ranges with an
 * inclusive end where descriptor.proto's is exclusive (`reserved 2` became 2 to 2, "invalid
 * range"); and it names a map's entry type after the field (`Metadata`) where protoc says
 * `MetadataEntry`. Here each file lists the files whose types it uses, ranges end past
 * their last number, and map entries are named as protoc names them.
 */
function linkable(definition: PackageDefinition): PackageDefinition {
  const files = new Map<string, IFileDescriptorProto>();
  for (const entry of Object.values(definition)) {
    for (const bytes of descriptorsOf(entry) ?? []) {
      const file = FileDescriptorProto.decode(bytes) as IFileDescriptorProto;
      if (file.name && !files.has(file.name)) files.set(file.name, file);
    }
  }
  const fileOfType = new Map<string, string>();
  for (const [name, file] of files) for (const type of typeNames(file)) fileOfType.set(type, name);

  const encoded = [...files].map(([name, file]) => {
    const dependency = [...new Set(referencesOf(file).map((reference) => resolve(reference, file.package ?? '', fileOfType)))].filter((found): found is string => found !== undefined && found !== name);
    return Buffer.from(FileDescriptorProto.encode({ ...file, dependency, messageType: (file.messageType ?? []).map((message) => protocShaped(message, `.${file.package ?? ''}`)) }).finish());
  });
  return Object.fromEntries(Object.entries(definition).map(([name, entry]) => [name, descriptorsOf(entry) ? ({ ...entry, fileDescriptorProtos: encoded } as AnyDefinition) : entry]));
}

function protocShaped(message: IDescriptorProto, scope: string): IDescriptorProto {
  const name = `${scope}.${message.name ?? ''}`;
  const entryNames = new Map<string, string>();
  const field = (message.field ?? []).map((one) => {
    const entry = (message.nestedType ?? []).find((nested) => nested.options?.mapEntry && one.typeName !== undefined && [nested.name, `${name}.${nested.name ?? ''}`].includes(one.typeName));
    if (!entry?.name) return one;
    const entryName = `${(one.name ?? '').replace(/(^|_)([a-z0-9])/g, (_match, _underscore: string, letter: string) => letter.toUpperCase())}Entry`;
    entryNames.set(entry.name, entryName);
    return { ...one, typeName: `${name}.${entryName}` };
  });
  return {
    ...message,
    field,
    reservedRange: (message.reservedRange ?? []).map((range) => ({ ...range, end: (range.end ?? 0) + 1 })),
    nestedType: (message.nestedType ?? []).map((nested) => protocShaped({ ...nested, name: entryNames.get(nested.name ?? '') ?? nested.name ?? '' }, name)),
  };
}

function typeNames(file: IFileDescriptorProto): string[] {
  const prefix = file.package ? `${file.package}.` : '';
  const ofMessage = (message: IDescriptorProto, scope: string): string[] => {
    const name = `${scope}${message.name ?? ''}`;
    return [name, ...(message.enumType ?? []).map((e) => `${name}.${e.name ?? ''}`), ...(message.nestedType ?? []).flatMap((nested) => ofMessage(nested, `${name}.`))];
  };
  return [...(file.enumType ?? []).map((e) => `${prefix}${e.name ?? ''}`), ...(file.messageType ?? []).flatMap((message) => ofMessage(message, prefix))];
}

function referencesOf(file: IFileDescriptorProto): string[] {
  const ofMessage = (message: IDescriptorProto): string[] => [...(message.field ?? []).map((field) => field.typeName ?? ''), ...(message.nestedType ?? []).flatMap(ofMessage)];
  const ofMethods = (file.service ?? []).flatMap((service) => (service.method ?? []).flatMap((method) => [method.inputType ?? '', method.outputType ?? '']));
  return [...(file.messageType ?? []).flatMap(ofMessage), ...ofMethods].filter(Boolean);
}

/** The file of a type reference: fully qualified (`.a.b.T`), or relative to the package and its parents. */
function resolve(reference: string, pkg: string, fileOfType: ReadonlyMap<string, string>): string | undefined {
  if (reference.startsWith('.')) return fileOfType.get(reference.slice(1));
  for (let scope = pkg; scope !== ''; scope = scope.includes('.') ? scope.slice(0, scope.lastIndexOf('.')) : '') {
    const found = fileOfType.get(`${scope}.${reference}`);
    if (found) return found;
  }
  return fileOfType.get(reference);
}

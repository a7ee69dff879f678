/**
 * A small proto3-JSON request parser driven by hand-written message descriptors, strict the way
 * Google's JSON transcoder is: unknown fields and wrongly typed values are rejected with the
 * front end's wording, field names may be written as lowerCamelCase (json_name) or as the
 * original snake_case proto name, and the result is normalised to lowerCamelCase keys.
 */
import { ApiError, details } from './status.js';

export type ScalarType =
  | 'string'
  | 'bytes'
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'float'
  | 'double'
  | 'bool'
  | 'timestamp'
  | 'duration'
  | 'fieldmask'
  /** google.protobuf.Value / Struct or a message this emulator does not look into. */
  | 'any';

export interface FieldDesc {
  /** proto field name (snake_case) */
  name: string;
  /** JSON name (lowerCamelCase) */
  json: string;
  type: ScalarType | 'enum' | 'message';
  repeated: boolean;
  oneof?: string;
  message?: () => MessageDesc;
  enumName?: string;
  enumValues?: readonly string[];
}

export interface MessageDesc {
  fullName: string;
  fields: FieldDesc[];
}

type FieldSpec =
  | ScalarType
  | {
      type: ScalarType | 'enum' | 'message';
      /** JSON name when it is not the lowerCamelCase of the proto name */
      json?: string;
      repeated?: boolean;
      oneof?: string;
      message?: () => MessageDesc;
      enumName?: string;
      enumValues?: readonly string[];
    };

export function snakeToCamel(s: string): string {
  return s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Build a message descriptor from `{ proto_field_name: spec }`. */
export function message(fullName: string, fields: Record<string, FieldSpec>): MessageDesc {
  return {
    fullName,
    fields: Object.entries(fields).map(([name, spec]) => {
      const s = typeof spec === 'string' ? { type: spec } : spec;
      const json = 'json' in s && s.json !== undefined ? s.json : snakeToCamel(name);
      const f: FieldDesc = { name, json, type: s.type, repeated: s.repeated ?? false };
      if (s.oneof !== undefined) f.oneof = s.oneof;
      if (s.message !== undefined) f.message = s.message;
      if (s.enumName !== undefined) f.enumName = s.enumName;
      if (s.enumValues !== undefined) f.enumValues = s.enumValues;
      return f;
    }),
  };
}

export const msg = (m: () => MessageDesc, extra: { repeated?: boolean; oneof?: string } = {}): FieldSpec => ({
  type: 'message',
  message: m,
  ...extra,
});
export const rep = (type: ScalarType): FieldSpec => ({ type, repeated: true });
export const enm = (enumName: string, values: readonly string[], extra: { repeated?: boolean } = {}): FieldSpec => ({
  type: 'enum',
  enumName,
  enumValues: values,
  ...extra,
});
export const oneof = (group: string, type: ScalarType): FieldSpec => ({ type, oneof: group });

interface Violation {
  field: string;
  description: string;
}

const TYPE_LABEL: Record<ScalarType, string> = {
  string: 'TYPE_STRING',
  bytes: 'TYPE_BYTES',
  int32: 'TYPE_INT32',
  int64: 'TYPE_INT64',
  uint32: 'TYPE_UINT32',
  float: 'TYPE_FLOAT',
  double: 'TYPE_DOUBLE',
  bool: 'TYPE_BOOL',
  timestamp: 'type.googleapis.com/google.protobuf.Timestamp',
  duration: 'type.googleapis.com/google.protobuf.Duration',
  fieldmask: 'type.googleapis.com/google.protobuf.FieldMask',
  any: 'type.googleapis.com/google.protobuf.Value',
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function show(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

class Parser {
  readonly violations: Violation[] = [];

  constructor(private readonly rootPath: string) {}

  private where(path: string): string {
    return path === '' ? '' : ` at '${path}'`;
  }

  private invalid(path: string, label: string, value: unknown): undefined {
    this.violations.push({
      field: path,
      description: `Invalid value at '${path}' (${label}), ${show(value)}`,
    });
    return undefined;
  }

  parseMessage(desc: MessageDesc, value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      if (path === this.rootPath) {
        this.violations.push({
          field: '',
          description: `Invalid JSON payload received. Expected an object for ${desc.fullName}, got ${show(value)}.`,
        });
        return undefined;
      }
      return this.invalid(path, `type.googleapis.com/${desc.fullName}`, value);
    }
    const out: Record<string, unknown> = {};
    const oneofSet = new Map<string, string>();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = desc.fields.find((f) => f.json === key || f.name === key);
      if (field === undefined) {
        const description = `Invalid JSON payload received. Unknown name ${show(key)}${this.where(path)}: Cannot find field.`;
        this.violations.push({ field: path, description });
        continue;
      }
      if (v === null) continue; // proto3 JSON: null means "default"
      const childPath = path === '' ? field.name : `${path}.${field.name}`;
      if (field.oneof !== undefined) {
        const prev = oneofSet.get(field.oneof);
        if (prev !== undefined && prev !== field.name) {
          this.violations.push({
            field: childPath,
            description: `Invalid JSON payload received. Oneof field '${field.oneof}' is already set. Cannot set '${key}'`,
          });
          continue;
        }
        oneofSet.set(field.oneof, field.name);
      }
      let parsed: unknown;
      if (field.repeated) {
        if (!Array.isArray(v)) {
          this.invalid(childPath, this.label(field), v);
          continue;
        }
        parsed = v.map((item, i) => this.parseValue(field, item, `${childPath}[${i}]`));
      } else {
        if (Array.isArray(v) && field.type !== 'any') {
          this.violations.push({
            field: childPath,
            description: `Invalid JSON payload received. Proto field is not repeating, cannot start list${this.where(childPath)}.`,
          });
          continue;
        }
        parsed = this.parseValue(field, v, childPath);
      }
      if (parsed !== undefined) out[field.json] = parsed;
    }
    return out;
  }

  private label(field: FieldDesc): string {
    if (field.type === 'message') return `type.googleapis.com/${field.message?.().fullName ?? ''}`;
    if (field.type === 'enum') return `type.googleapis.com/${field.enumName ?? ''}`;
    return TYPE_LABEL[field.type];
  }

  private parseValue(field: FieldDesc, v: unknown, path: string): unknown {
    switch (field.type) {
      case 'message':
        return this.parseMessage(field.message!(), v, path);
      case 'enum': {
        const values = field.enumValues ?? [];
        if (typeof v === 'string' && values.includes(v)) return v;
        if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < values.length) return values[v];
        return this.invalid(path, this.label(field), v);
      }
      case 'string':
        return typeof v === 'string' ? v : this.invalid(path, this.label(field), v);
      case 'bytes':
        return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v)
          ? v
          : this.invalid(path, this.label(field), v);
      case 'bool':
        return typeof v === 'boolean' ? v : this.invalid(path, this.label(field), v);
      case 'int32':
      case 'uint32':
      case 'int64': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
        const [lo, hi] =
          field.type === 'int32'
            ? [-2147483648, 2147483647]
            : field.type === 'uint32'
              ? [0, 4294967295]
              : [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
        if (!Number.isInteger(n) || n < lo || n > hi) return this.invalid(path, this.label(field), v);
        return field.type === 'int64' ? String(n) : n;
      }
      case 'float':
      case 'double': {
        if (typeof v === 'number') return v;
        if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
        return this.invalid(path, this.label(field), v);
      }
      case 'timestamp':
        return typeof v === 'string' && RFC3339.test(v) ? v : this.invalid(path, this.label(field), v);
      case 'duration':
        return typeof v === 'string' && /^-?\d+(\.\d{1,9})?s$/.test(v) ? v : this.invalid(path, this.label(field), v);
      case 'fieldmask':
        return typeof v === 'string' ? v : this.invalid(path, this.label(field), v);
      case 'any':
        return v;
    }
  }

  error(): ApiError | undefined {
    if (this.violations.length === 0) return undefined;
    // The front end reports every problem; the top-level message joins them.
    const message = this.violations.map((x) => x.description).join('\n');
    return new ApiError('INVALID_ARGUMENT', message, [details.badRequest(this.violations)]);
  }
}

/**
 * Parse a request body into `desc`. `rootPath` is the proto field the HTTP body binds to
 * (`tuned_model` for `body: "tuned_model"`, '' for `body: "*"`). Throws ApiError 400.
 */
export function parseBody(desc: MessageDesc, value: unknown, rootPath = ''): Record<string, unknown> {
  const p = new Parser(rootPath);
  const out = p.parseMessage(desc, value, rootPath);
  const err = p.error();
  if (err !== undefined) throw err;
  return out ?? {};
}

/**
 * JSON.parse that, like Google's front end, tolerates trailing commas (the official curl
 * tutorial sends them). Throws ApiError 400 for anything else that is not JSON.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(stripTrailingCommas(text));
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new ApiError('INVALID_ARGUMENT', `Invalid JSON payload received. ${why}`, [
        details.badRequest([{ field: '', description: `Invalid JSON payload received. ${why}` }]),
      ]);
    }
  }
}

function stripTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += c;
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { storageBaseUrl, vertexBaseUrl } from '../../../src/backends/vertex-hosts.js';

describe('vertexBaseUrl', () => {
  it('uses the regional host for a region', () => {
    expect(vertexBaseUrl('us-central1', null)).toBe('https://us-central1-aiplatform.googleapis.com');
    expect(vertexBaseUrl('europe-west4', null)).toBe('https://europe-west4-aiplatform.googleapis.com');
  });

  it('uses the global host for global', () => {
    expect(vertexBaseUrl('global', null)).toBe('https://aiplatform.googleapis.com');
  });

  it('uses the rep hosts for the us and eu multi-regions', () => {
    expect(vertexBaseUrl('us', null)).toBe('https://aiplatform.us.rep.googleapis.com');
    expect(vertexBaseUrl('eu', null)).toBe('https://aiplatform.eu.rep.googleapis.com');
  });

  it('api-endpoint replaces every host, trailing slashes dropped', () => {
    expect(vertexBaseUrl('us-central1', 'http://127.0.0.1:9000/')).toBe('http://127.0.0.1:9000');
    expect(vertexBaseUrl('global', 'https://private.example')).toBe('https://private.example');
    expect(storageBaseUrl('https://private.example//')).toBe('https://private.example');
  });

  it('Cloud Storage is one global host', () => {
    expect(storageBaseUrl(null)).toBe('https://storage.googleapis.com');
  });

  it('refuses a location that could change the host', () => {
    expect(() => vertexBaseUrl('evil.example/x', null)).toThrow(/not a Vertex AI location/);
  });
});

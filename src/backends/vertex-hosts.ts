/**
 * Which host serves a Vertex AI location, chosen the way Google's own clients choose it:
 * `global` → aiplatform.googleapis.com, the `us` / `eu` multi-regions → aiplatform.{us|eu}.rep.googleapis.com,
 * any region → {region}-aiplatform.googleapis.com. Cloud Storage is one global host. `api-endpoint`
 * replaces every host (paths unchanged).
 */

export const STORAGE_HOST = 'https://storage.googleapis.com';
const MULTI_REGIONS = new Set(['us', 'eu']);

export function vertexBaseUrl(location: string, apiEndpoint: string | null): string {
  if (apiEndpoint) return apiEndpoint.replace(/\/+$/, '');
  if (!/^[a-z0-9-]+$/.test(location)) throw new Error(`"${location}" is not a Vertex AI location`);
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (MULTI_REGIONS.has(location)) return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}

export function storageBaseUrl(apiEndpoint: string | null): string {
  return (apiEndpoint ?? STORAGE_HOST).replace(/\/+$/, '');
}

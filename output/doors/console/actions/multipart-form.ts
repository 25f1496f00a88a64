/**
 * Uploaded files (the 新建活动 page's notice and templates, a 名单): a multipart/form-data body
 * read with the Web `Request.formData()` that Node's own fetch (undici) provides, so no upload
 * plugin is needed. The body is bounded before it is read (the parser's bodyLimit); each file is
 * kept in memory, a notice or template being a few hundred kilobytes.
 */
import type { FastifyInstance } from 'fastify';

export interface UploadedFile {
  /** The form field it came in ("tables"). */
  field: string;
  /** The file's name as the clerk's computer named it. */
  name: string;
  content: Buffer;
}

/** A multipart form: its text fields (the CSRF token among them) and its files. */
export interface MultipartBody {
  [field: string]: unknown;
  _files: UploadedFile[];
}

/** The whole upload: a notice and a handful of templates, each well under the per-file limit of the set-up. */
export const MAX_UPLOAD_BYTES = 40 * 1024 * 1024;

/** A file name as given, without any folder a browser might send ("C:\\fakepath\\附件1.xlsx"). */
function baseName(name: string): string {
  return name.split(/[\\/]/u).pop()!.trim();
}

export async function readMultipart(contentType: string, body: Buffer): Promise<MultipartBody> {
  let form: FormData;
  try {
    form = await new Request('http://console.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  } catch {
    // A body that is no multipart form is the browser's (or a crafted request's) mistake: 400, answered in Chinese by errors.ts.
    throw Object.assign(new Error('malformed multipart body'), { statusCode: 400 });
  }
  const out: MultipartBody = { _files: [] };
  for (const [field, value] of form) {
    if (typeof value === 'string') out[field] = value;
    // A file input left empty sends a part with no name and no bytes: nothing was chosen.
    else if (value.name !== '' || value.size > 0)
      out._files.push({ field, name: baseName(value.name), content: Buffer.from(await value.arrayBuffer()) });
  }
  return out;
}

/** Lets the routes of `app` (an encapsulated plugin) take multipart forms, bounded in size. */
export function acceptMultipart(app: FastifyInstance): void {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    async (request: { headers: Record<string, unknown> }, body: Buffer | string) =>
      readMultipart(String(request.headers['content-type']), body as Buffer),
  );
}

export function uploadedFiles(body: unknown, field: string): UploadedFile[] {
  const files = (body as Partial<MultipartBody> | null)?._files ?? [];
  return files.filter((file) => file.field === field);
}

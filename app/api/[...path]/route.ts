// Any /api path that no route answers: a JSON 404 in the API's error shape, as every other API
// error, instead of Next's HTML "not found" page (clients parse it; monitors see an API answer).
import { errorResponse, notFound } from '@/lib/api/errors';

export const dynamic = 'force-dynamic';

async function unknownEndpoint(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return errorResponse(
    notFound(`There is no API endpoint ${request.method} ${pathname.slice(0, 200)}. docs/api.md lists the API.`),
  );
}

export {
  unknownEndpoint as GET,
  unknownEndpoint as POST,
  unknownEndpoint as PUT,
  unknownEndpoint as PATCH,
  unknownEndpoint as DELETE,
};

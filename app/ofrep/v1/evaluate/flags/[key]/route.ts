// OFREP single-flag evaluation: one kill switch as a boolean flag (lib/ofrep; docs/ofrep.md).
import { getControlDb } from '@/db';
import { findSwitch } from '@/db/queries/switches';
import { ofrepAnswer, OfrepRefusal, preflightResponse, readOfrepContext, requireOfrepCaller } from '@/lib/ofrep/http';
import { ofrepFlag } from '@/lib/ofrep/flags';
import { toSwitchState } from '@/lib/switches/document';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ key: string }> };

export async function POST(request: Request, { params }: Context): Promise<Response> {
  const { key } = await params;
  return ofrepAnswer(
    request,
    async () => {
      const { audience } = await requireOfrepCaller(request);
      await readOfrepContext(request);
      const row = await findSwitch(await getControlDb(), key);
      if (!row)
        throw new OfrepRefusal(
          404,
          'FLAG_NOT_FOUND',
          `There is no feature "${key}": flags are the keys of features that have sent calls.`,
        );
      return Response.json(ofrepFlag(toSwitchState(row), audience), { headers: { 'Cache-Control': 'no-store' } });
    },
    key,
  );
}

export async function OPTIONS(request: Request): Promise<Response> {
  return preflightResponse(request);
}

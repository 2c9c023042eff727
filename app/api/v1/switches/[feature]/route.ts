// One feature's switch: read it, or flip it with a `switches:write` key (lib/switches/switch-api.ts).
import { apiRoute } from '@/lib/api/route';
import { flipResponse, oneSwitchResponse } from '@/lib/switches/switch-api';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ feature: string }> };

export const GET = apiRoute<Context>(async (request, { params }) => oneSwitchResponse(request, (await params).feature));

export const PUT = apiRoute<Context>(async (request, { params }) => flipResponse(request, (await params).feature));

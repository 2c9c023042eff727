import type { NextConfig } from 'next';
import { securityHeaders } from './lib/http/security-headers';

const nextConfig: NextConfig = {
  // Loaded by Node, not bundled: PGlite ships a WASM build; protobufjs and grpc-js load parts of
  // themselves at run time, which a bundler cannot follow.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'protobufjs', '@grpc/grpc-js'],
  poweredByHeader: false,
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(securityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;

/** Astro integration that serves /ws/sandbox on the dev server's http.Server (`astro dev`). */
import type { Server } from 'node:http';
import type { AstroIntegration } from 'astro';

/** Serve the sandbox WebSocket beside Vite in dev; production does the same in main.ts. */
export function sandboxWebSocket(): AstroIntegration {
  return {
    name: 'vethlab:sandbox-websocket',
    hooks: {
      'astro:server:setup': async ({ server, logger }) => {
        // Null under vitest and the Container API, which start Vite without an http server.
        const httpServer = server.httpServer as Server | null;
        if (!httpServer) return;
        // Loaded here so `astro build` and config loading never pull in ws or the simulator.
        const { applySecurityHeaders } = await import('./security-headers.ts');
        // The production headers minus the CSP: Vite's HMR client is an inline script.
        server.middlewares.use((request, response, next) => {
          applySecurityHeaders(request, response, { csp: false });
          next();
        });
        const { processSettings } = await import('../settings/settings.ts');
        const { startSandboxEndpoint } = await import('./sandbox-endpoint.ts');
        const endpoint = await startSandboxEndpoint(processSettings(), logger);
        // The Ports control's pages, as main.ts serves them.
        const { publishedPortRoute } = await import('./published-port-route.ts');
        const portRoute = publishedPortRoute(endpoint.registry);
        server.middlewares.use((request, response, next) => {
          if (!portRoute.serve(request, response)) next();
        });
        // Not exclusive: Vite's HMR socket shares this server.
        const detach = endpoint.sockets.attach(httpServer, { exclusive: false });
        httpServer.once('close', () => {
          detach();
          void endpoint.close(0);
        });
        logger.info(`sandbox: ${endpoint.driver.name} driver on /ws/sandbox`);
      },
    },
  };
}

import type { RouteContext } from '../http/routeContext.ts';

/**
 * What the running service is made of, built once in app/start.ts and passed to routes and jobs. The
 * route layers declare the same shape themselves (RouteContext), so they need not import app/.
 */
export interface AppContext extends RouteContext {}

import type { Authenticated } from '../auth/authenticate';
import type { SessionTokens } from '../auth/session';
import type { LoginThrottle } from '../auth/throttle';
import type { Users } from '../auth/users';
import type { ServerConfig } from '../config';
import type { Ctx } from '../http/router';
import type { Regions } from '../regions/regions';
import type { Store } from '../store/types';

/** What the routes need, built once by server.ts. */
export interface Deps {
  config: ServerConfig;
  store: Store;
  users: Users;
  regions: Regions;
  tokens: SessionTokens;
  throttle: LoginThrottle;
  serverId: string;
  version: string;
}

export type State = Authenticated;
export type RouteCtx = Ctx<State>;

import { bytes } from '../util/bytes';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { REGION_ROLES, type Membership, type Principal } from '../../src/shared';
import type { Store, StoreDb } from '../store/types';
import { hashPassword, verifyPassword } from './password';
import { UserCache } from './user-cache';

/** Internal database of users; its name starts with `_`, so no client route reaches it. */
export const USERS_DB = '_regiodesk_users';

export interface UserRecord {
  name: string;
  passwordHash: string;
  admin: boolean;
  memberships: Membership[];
  /** A disabled user cannot log in; her sessions and Basic auth stop working at once. */
  disabled?: boolean;
}

export const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const ROLE_CODES = new Set<string>(REGION_ROLES.map((r) => r.code));
const docId = (name: string) => `user:${name}`;

export function principalOf(u: UserRecord): Principal {
  return { name: u.name, admin: u.admin, memberships: u.memberships.map((m) => ({ ...m })) };
}

/** CouchDB-style roles for `userCtx.roles`: `_admin`, and `<role>:<region>` per membership. */
export function rolesOf(u: Pick<UserRecord, 'admin' | 'memberships'>): string[] {
  return [...(u.admin ? ['_admin'] : []), ...u.memberships.map((m) => `${m.role}:${m.region}`)];
}

function checkMemberships(ms: Membership[]): void {
  for (const m of ms) {
    if (!ROLE_CODES.has(m.role)) throw new Error(`unknown role ${m.role}`);
  }
}

/** Users, their password hashes and memberships, in the internal users database. */
export class Users {
  /** Recently verified credentials, so Basic auth on every request does not run scrypt each time. */
  private verified = new Map<string, { mac: Buffer; hash: string; until: number }>();
  private cacheKey = randomBytes(32);

  private readonly cache: UserCache<UserRecord | null>;

  private constructor(private readonly db: StoreDb) {
    this.cache = new UserCache(db);
  }

  static async open(store: Store): Promise<Users> {
    await store.create(USERS_DB);
    const db = await store.open(USERS_DB);
    if (!db) throw new Error('users database missing');
    return new Users(db);
  }

  /** The user, from the cache (see user-cache.ts); a copy, so callers may change it. */
  async get(name: string): Promise<UserRecord | null> {
    if (!USER_NAME.test(name)) return null;
    const user = await this.cache.get(name, () => this.read(name));
    return user && { ...user, memberships: user.memberships.map((m) => ({ ...m })) };
  }

  private async read(name: string): Promise<UserRecord | null> {
    try {
      const doc = (await this.db.get(docId(name))) as UserRecord & { _id: string };
      return {
        name: doc.name,
        passwordHash: doc.passwordHash,
        admin: doc.admin === true,
        memberships: doc.memberships ?? [],
        ...(doc.disabled === true ? { disabled: true } : {}),
      };
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw err;
    }
  }

  async list(): Promise<UserRecord[]> {
    const res = (await this.db.allDocs({ include_docs: true, startkey: 'user:', endkey: 'user:\ufff0' })) as {
      rows: { doc: UserRecord }[];
    };
    return res.rows.map((r) => r.doc);
  }

  private async save(user: UserRecord): Promise<void> {
    let rev: string | undefined;
    try {
      rev = ((await this.db.get(docId(user.name))) as { _rev: string })._rev;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
    }
    const [res] = await this.db.bulkDocs([{ _id: docId(user.name), ...(rev ? { _rev: rev } : {}), ...user }], true);
    this.cache.clear(); // the store's notice also clears it; this covers stores that notify late
    if (!res || !('ok' in res)) throw new Error(`could not save user ${user.name}: ${res && 'reason' in res ? res.reason : ''}`);
  }

  async createUser(input: { name: string; password: string; admin?: boolean; memberships?: Membership[] }): Promise<UserRecord> {
    if (!USER_NAME.test(input.name)) throw new Error(`invalid user name: ${input.name}`);
    if (await this.get(input.name)) throw new Error(`user exists: ${input.name}`);
    const memberships = input.memberships ?? [];
    checkMemberships(memberships);
    const user: UserRecord = {
      name: input.name,
      passwordHash: await hashPassword(input.password),
      admin: input.admin ?? false,
      memberships,
    };
    await this.save(user);
    return user;
  }

  async setPassword(name: string, password: string): Promise<void> {
    const user = await this.get(name);
    if (!user) throw new Error(`no such user: ${name}`);
    user.passwordHash = await hashPassword(password);
    this.verified.delete(name);
    await this.save(user);
  }

  async update(name: string, change: { admin?: boolean; memberships?: Membership[]; disabled?: boolean }): Promise<UserRecord> {
    const user = await this.get(name);
    if (!user) throw new Error(`no such user: ${name}`);
    if (change.memberships) checkMemberships(change.memberships);
    const next = { ...user, ...change };
    await this.save(next);
    return next;
  }

  /** Creates `name` with the password, or sets the password when the user exists. */
  async ensure(name: string, password: string, props: { admin?: boolean; memberships?: Membership[] } = {}): Promise<void> {
    if (await this.get(name)) {
      await this.setPassword(name, password);
      if (props.admin !== undefined || props.memberships) await this.update(name, props);
    } else {
      await this.createUser({ name, password, ...props });
    }
  }

  /** The user when name and password match, else null. */
  async authenticate(name: string, password: string): Promise<UserRecord | null> {
    const user = await this.get(name);
    if (!user || user.disabled) {
      // Spend about the same time as a real check so user names cannot be probed by timing.
      await verifyPassword(password, DUMMY_HASH);
      return null;
    }
    const mac = createHmac('sha256', bytes(this.cacheKey)).update(`${name}\0${password}`).digest();
    const hit = this.verified.get(name);
    if (hit && hit.hash === user.passwordHash && hit.until > Date.now() && timingSafeEqual(bytes(hit.mac), bytes(mac))) return user;
    if (!(await verifyPassword(password, user.passwordHash))) return null;
    this.verified.set(name, { mac, hash: user.passwordHash, until: Date.now() + 5 * 60_000 });
    return user;
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');

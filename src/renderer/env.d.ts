/// <reference types="vite/client" />

/** Set by vite.config.ts: identifies the build (service worker registration). */
declare const __REGIODESK_BUILD_ID__: string;

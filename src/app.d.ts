// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		// interface Error {}
		// interface Locals {}
		// interface PageData {}
		// interface PageState {}
		/** adapter-node's: Node's own request (absent under `vite dev` and in tests). */
		interface Platform {
			req?: import('node:http').IncomingMessage;
		}
	}
}

export {};

// How long the app server keeps an idle connection open. Node's default is 5 s, and a client that
// sends on a connection at the moment the server closes it gets ECONNRESET (seen in CI: a browser
// context's API request reusing the connection its sign-in opened). 65 s outlasts a proxy's
// usual 60 s idle timeout, as a load balancer in front expects; headers must be allowed longer.
export function keepAliveEnv(env: NodeJS.ProcessEnv): {
	KEEP_ALIVE_TIMEOUT: string;
	HEADERS_TIMEOUT: string;
} {
	return {
		KEEP_ALIVE_TIMEOUT: env.KEEP_ALIVE_TIMEOUT ?? '65',
		HEADERS_TIMEOUT: env.HEADERS_TIMEOUT ?? '66'
	};
}

import { ConfigError } from './config-error';
import { DEFAULT_RATE_LIMIT_SETTING, loadGatewayHttpConfig } from './gateway-http-config';

describe('the REST gateway edge (PUBLIC_URL, RATE_LIMIT_API_KEY, RATE_LIMIT_APP_USER)', () => {
  it('given nothing, then no public URL and the generous default limits', () => {
    expect(loadGatewayHttpConfig({})).toEqual({ rateLimits: { apiKey: DEFAULT_RATE_LIMIT_SETTING, appUser: DEFAULT_RATE_LIMIT_SETTING } });
  });

  it('given each, then each limit of its own and the URL without a trailing slash', () => {
    const config = loadGatewayHttpConfig({ PUBLIC_URL: 'https://api.example.test/', RATE_LIMIT_API_KEY: '600/60', RATE_LIMIT_APP_USER: '30/1' });
    expect(config).toEqual({ publicUrl: 'https://api.example.test', rateLimits: { apiKey: { limit: 600, windowSeconds: 60 }, appUser: { limit: 30, windowSeconds: 1 } } });
  });

  it('given bad values, then every problem at once, each naming its variable', () => {
    let problems: readonly string[] = [];
    try {
      loadGatewayHttpConfig({ PUBLIC_URL: 'not a url', RATE_LIMIT_API_KEY: '600', RATE_LIMIT_APP_USER: '0/60' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toEqual([
      expect.stringContaining('PUBLIC_URL'),
      expect.stringContaining('RATE_LIMIT_API_KEY must be <requests>/<seconds>'),
      expect.stringContaining('RATE_LIMIT_APP_USER must be <requests>/<seconds>'),
    ]);
  });
});

import { gatewayProblems, millisFromSeconds, type RenderInput } from '@billing/gateway-application';
import type { RenderBody } from '../dto/requests';

/** A validated render body in the facade's terms (seconds to whole milliseconds, exactly). */
export function renderInputOf(body: RenderBody): RenderInput {
  const durationMillis = millisFromSeconds(body.duration_seconds);
  if (durationMillis === null || durationMillis < 1) {
    throw gatewayProblems.validation([{ field: 'duration_seconds', message: 'must be a number of seconds with at most three decimals' }]);
  }
  return {
    model: body.model,
    durationMillis,
    ...(body.resolution === undefined ? {} : { resolution: body.resolution }),
    ...(body.fps === undefined ? {} : { fps: body.fps }),
    ...(body.complexity === undefined ? {} : { complexity: body.complexity }),
    ...(body.video_reference === undefined ? {} : { videoReference: body.video_reference }),
    ...(body.mode === undefined ? {} : { mode: body.mode }),
  };
}

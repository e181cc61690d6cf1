import type { BodyOf } from '@billing/sdk';
import { type FormEvent, useState } from 'react';
import { clientWith } from '../api/client';
import { messageOf } from '../api/problems';
import type { Quote } from '../api/types';
import { useApi } from '../api/use-api';
import { ErrorMessage } from '../components/errors';
import { formatCredits, poolName } from '../format';

// Suggestions from the shipped price books; any other value is sent as typed and the
// price book in force answers (an unknown model is refused in words).
const MODELS = ['seedance-2.0', 'seedance-2.0-fast'];
const RESOLUTIONS = ['720p', '1080p', '2160p'];
const FRAME_RATES = ['24', '30', '60'];
const COMPLEXITIES = ['standard', 'high_fidelity'];

interface RenderForm {
  model: string;
  duration: string;
  resolution: string;
  fps: string;
  complexity: string;
  videoReference: boolean;
  preview: boolean;
  batchSize: string;
}

function renderBody(form: RenderForm): BodyOf<'TasksController_createTask'> {
  return {
    model: form.model.trim(),
    duration_seconds: Number(form.duration),
    ...(form.resolution ? { resolution: form.resolution } : {}),
    ...(form.fps ? { fps: Number(form.fps) } : {}),
    ...(form.complexity ? { complexity: form.complexity } : {}),
    video_reference: form.videoReference,
    mode: form.preview ? 'preview' : 'standard',
  };
}

/** Every pricing input, the credits and every factor before running; then run it with the user's token or an API key. */
export function QuotePage() {
  const api = useApi();
  const [form, setForm] = useState<RenderForm>({ model: 'seedance-2.0', duration: '5', resolution: '', fps: '', complexity: '', videoReference: false, preview: false, batchSize: '1' });
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [ran, setRan] = useState<string | null>(null);
  const [runError, setRunError] = useState<string | null>(null);
  const set = <K extends keyof RenderForm>(key: K, value: RenderForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const batchSize = Math.max(1, Math.floor(Number(form.batchSize) || 1));

  const price = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setRan(null);
    setRunError(null);
    try {
      setQuote(await api.tasks.quote({ ...renderBody(form), ...(batchSize > 1 ? { batch_size: batchSize } : {}) }));
    } catch (failure) {
      setQuote(null);
      setError(messageOf(failure));
    }
  };

  const run = async () => {
    setRunError(null);
    setRan(null);
    try {
      const key = apiKey.trim();
      const client = key ? clientWith(key) : api;
      const tasks = batchSize > 1 ? (await client.tasks.createBatch({ ...renderBody(form), batch_size: batchSize })).tasks : [await client.tasks.create(renderBody(form))];
      setRan(
        tasks
          .map((t) => `Task ${t.id}: ${t.status.replace(/_/g, ' ')} in the ${poolName(t.pool)} pool, ${t.credits_cost === null ? `${formatCredits(t.credits_reserved)} credits held` : `credits_cost ${formatCredits(t.credits_cost)}`}.`)
          .join(' '),
      );
    } catch (failure) {
      setRunError(messageOf(failure));
    }
  };

  return (
    <>
      <h1>Quote calculator</h1>
      <form className="grid-form" onSubmit={(e) => void price(e)} aria-describedby="quote-error">
        <label>
          Model
          <input list="models" value={form.model} onChange={(e) => set('model', e.target.value)} required />
          <datalist id="models">
            {MODELS.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        <label>
          Duration (seconds)
          <input type="number" min="0.001" max="3600" step="0.001" value={form.duration} onChange={(e) => set('duration', e.target.value)} required />
        </label>
        <label>
          Resolution
          <select value={form.resolution} onChange={(e) => set('resolution', e.target.value)}>
            <option value="">Price book default</option>
            {RESOLUTIONS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Frame rate (fps)
          <select value={form.fps} onChange={(e) => set('fps', e.target.value)}>
            <option value="">Price book default</option>
            {FRAME_RATES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Complexity
          <select value={form.complexity} onChange={(e) => set('complexity', e.target.value)}>
            <option value="">Price book default</option>
            {COMPLEXITIES.map((c) => (
              <option key={c} value={c}>
                {c.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Batch size
          <input type="number" min="1" max="100" step="1" value={form.batchSize} onChange={(e) => set('batchSize', e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={form.videoReference} onChange={(e) => set('videoReference', e.target.checked)} />
          With a video reference
        </label>
        <label className="check">
          <input type="checkbox" checked={form.preview} onChange={(e) => set('preview', e.target.checked)} />
          Preview (short, low resolution)
        </label>
        <button type="submit">Get quote</button>
      </form>
      <ErrorMessage message={error} id="quote-error" />
      {quote ? (
        <section className="card" aria-labelledby="quote-title">
          <h2 id="quote-title">
            <span data-testid="quote-credits">{formatCredits(quote.credits)}</span> {quote.unit}
          </h2>
          <p className="hint">
            Price book {quote.price_book} {quote.version}; the same in the App and API pools; valid until {new Date(quote.expires_at).toLocaleTimeString()}.
          </p>
          <table aria-label="Quote breakdown">
            <thead>
              <tr>
                <th scope="col">Factor</th>
                <th scope="col">Value</th>
                <th scope="col">What it is</th>
              </tr>
            </thead>
            <tbody>
              {quote.breakdown.map((f) => (
                <tr key={f.name}>
                  <td>{f.name}</td>
                  <td className="num">{f.value}</td>
                  <td>{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {quote.items.length > 1 ? <p>Per task: {quote.items.map((item) => formatCredits(item.credits)).join(', ')} credits.</p> : null}
          <h3>Run it</h3>
          <p className="hint">With your sign-in the task draws on App credits; with an API key, on API credits.</p>
          <div className="inline-form">
            <label htmlFor="run-key">API key (optional)</label>
            <input id="run-key" type="password" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="bk_..." />
            <button type="button" onClick={() => void run()}>
              Run {batchSize > 1 ? 'batch' : 'task'}
            </button>
          </div>
          <ErrorMessage message={runError} />
          {ran ? <p role="status">{ran}</p> : null}
        </section>
      ) : null}
    </>
  );
}

import type { Task } from '../api/types';
import { chargeBasisNote, formatCredits, formatInstant, poolName } from '../format';

const STATUS_WORDS: Readonly<Record<string, string>> = {
  charged: 'charged',
  released: 'released (not charged)',
  rejected: 'refused',
  queued: 'waiting for a slot',
};

/** Each task with what it was quoted, reserved and charged (`credits_cost`, and whether pro rata), and its quote's factors. */
export function TasksTable(props: { readonly tasks: readonly Task[] }) {
  if (props.tasks.length === 0) return <p>No tasks yet.</p>;
  return (
    <div className="table-wrap">
      <table aria-label="Tasks and their credits_cost">
        <thead>
          <tr>
              <th scope="col">Created</th>
              <th scope="col">Task</th>
              <th scope="col">Model · mode</th>
              <th scope="col">Pool</th>
              <th scope="col">Status</th>
              <th scope="col">Quoted</th>
              <th scope="col">credits_cost</th>
          </tr>
        </thead>
        <tbody>
          {props.tasks.map((task) => {
            const partial = chargeBasisNote(task);
            return (
              <tr key={task.id} data-task={task.id}>
                <td>{formatInstant(task.created_at)}</td>
                <td>
                  <details>
                    <summary className="mono">{task.id}</summary>
                    <p>
                      {task.quote.duration_seconds} s{task.quote.batch_size ? `, batch of ${task.quote.batch_size}` : ''}
                      {task.end_reason ? `; ended: ${task.end_reason.replace(/_/g, ' ')}` : ''}
                      {task.delivered_duration_seconds !== null ? `; delivered ${task.delivered_duration_seconds} s` : ''}
                    </p>
                    <ul className="factors" aria-label={`Quote breakdown of ${task.id}`}>
                      {task.quote.breakdown.map((factor) => (
                        <li key={factor.name}>
                          <strong>{factor.name}</strong> {factor.value}: {factor.description}
                        </li>
                      ))}
                    </ul>
                  </details>
                </td>
                <td>
                  {task.quote.model} · {task.quote.mode}
                </td>
                <td>{poolName(task.pool)}</td>
                <td>{STATUS_WORDS[task.status] ?? task.status.replace(/_/g, ' ')}</td>
                <td className="num">{formatCredits(task.quote.credits)}</td>
                <td className="num" data-testid={`cost-${task.id}`}>
                  {task.credits_cost === null ? '-' : formatCredits(task.credits_cost)}
                  {partial ? <small className="charge-basis">{partial}</small> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

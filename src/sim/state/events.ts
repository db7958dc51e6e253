// What happened, Kubernetes-style: the events controllers record (client-go's EventRecorder),
// kept in order. Events are API objects too, so they live with the rest of the state.
import type { SimTime } from '../engine/time.js';

export type EventType = 'Normal' | 'Warning';

export interface SimEvent {
  readonly time: SimTime;
  readonly type: EventType;
  readonly reason: string;
  /** `pod/shop/checkout-2-7`, `deployment/shop/checkout`, `node/node-3`. */
  readonly object: string;
  readonly node: string;
  /** The Deployment's name alone (namespace is in `object`). */
  readonly workload: string;
  readonly qos: string;
  readonly message: string;
}

/** Per-pod lifecycle events every pod produces; left out of big runs unless asked for. */
export const ROUTINE_REASONS = ['SuccessfulCreate', 'SuccessfulDelete', 'Scheduled', 'Started', 'Killing'] as const;

export class Recorder {
  readonly events: SimEvent[] = [];
  /**
   * Whether routine per-pod events (ROUTINE_REASONS) are kept. Callers check it before building
   * the message, so a big run does not pay for events it drops.
   */
  routine = true;
  /** Routine events left out because `routine` is off. */
  omitted = 0;
  /** While muted (placing the initial inventory), routine Normal events are not kept. */
  private muted = false;

  mute(): { restore: () => void } {
    const was = this.muted;
    this.muted = true;
    return { restore: () => (this.muted = was) };
  }

  event(
    time: SimTime,
    type: EventType,
    reason: string,
    object: string,
    message: string,
    extra: { node?: string; workload?: string; qos?: string } = {},
  ): void {
    if (this.muted && type === 'Normal') return;
    this.events.push({
      time,
      type,
      reason,
      object,
      node: extra.node ?? '',
      workload: extra.workload ?? '',
      qos: extra.qos ?? '',
      message,
    });
  }
}

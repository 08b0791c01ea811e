import type { Signal } from './detection.signals.js';

/**
 * Collects detector signals between drains. A detector whose condition holds on every event
 * of an attack asks `due` first, so it builds at most one signal per key per minute of event
 * time; subjects found in between are added to the key's next (or last) signal, never lost.
 */
export class SignalBus {
  private readonly pending = new Map<string, Signal>();
  private readonly last = new Map<string, { signal: Signal; minute: number }>();

  due(key: string, at: number): boolean {
    const seen = this.last.get(key);
    return !seen || seen.minute !== Math.floor(at / 60_000);
  }

  emit(signal: Signal): void {
    const before = this.pending.get(signal.key);
    if (before) {
      // The pending subjects are the long list (an attack's since the last drain): the new
      // signal's few join them rather than the other way round.
      mergeSubjects(before.subjects, signal.subjects);
      signal.subjects = before.subjects;
      // The replaced signal is nobody else's, so its list of earlier points moves on.
      (signal.earlier = before.earlier ?? []).push([before.at, before.point]);
    }
    this.pending.set(signal.key, signal);
    this.last.set(signal.key, { signal, minute: Math.floor(signal.at / 60_000) });
  }

  /** Attaches subjects to the key's signal; re-sends the last one if none is pending. */
  addSubjects(key: string, subjects: Partial<Signal['subjects']>): void {
    const signal = this.pendingFor(key);
    if (signal) mergeSubjects(signal.subjects, subjects);
  }

  /** One attempt's source and target, without arrays: a flagged source adds one per login. */
  addAttempt(key: string, source: string | null, target: string | null): void {
    const subjects = this.pendingFor(key)?.subjects;
    if (!subjects) return;
    if (source !== null) subjects.sources.push(source);
    if (target !== null) subjects.targets.push(target);
  }

  /** One subject, without the arrays: an open attack adds one per failed login. */
  addSubject(key: string, role: 'sources' | 'targets' | 'takenOver', value: string): void {
    this.pendingFor(key)?.subjects[role].push(value);
  }

  private pendingFor(key: string): Signal | undefined {
    let signal = this.pending.get(key);
    if (!signal) {
      const last = this.last.get(key)?.signal;
      if (!last) return undefined;
      signal = { ...last, earlier: [], subjects: emptySubjects() };
      this.pending.set(key, signal);
    }
    return signal;
  }

  drain(): Signal[] {
    const signals = [...this.pending.values()].sort((a, b) => a.at - b.at);
    this.pending.clear();
    // The drained signals now belong to the caller. The copies kept for a re-send hold no
    // subjects: an attack's can number hundreds of thousands, and a re-send starts afresh.
    for (const signal of signals) {
      const last = this.last.get(signal.key);
      if (last?.signal === signal)
        last.signal = { ...signal, earlier: [], subjects: emptySubjects() };
    }
    return signals;
  }

  /**
   * Forgets a stream's keys not signalled since `time` (that stream's event time), so the map
   * does not grow with every attack. Streams keep their own time, so each forgets only its own.
   */
  forgetBefore(stream: string, time: number): void {
    for (const [key, { signal }] of this.last)
      if (signal.stream === stream && signal.at < time && !this.pending.has(key))
        this.last.delete(key);
  }
}

const emptySubjects = (): Signal['subjects'] => ({ sources: [], targets: [], takenOver: [] });

function mergeSubjects(into: Signal['subjects'], from: Partial<Signal['subjects']>): void {
  // A loop, not push(...list): an attack's subjects can outnumber the call stack's limit.
  for (const field of ['sources', 'targets', 'takenOver'] as const)
    for (const value of from[field] ?? []) into[field].push(value);
  if (from.categories)
    into.categories = [...new Set([...(into.categories ?? []), ...from.categories])];
}

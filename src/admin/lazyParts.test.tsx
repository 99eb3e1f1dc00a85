import { Suspense } from 'react';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyComponent, lazyPart, whenIdle } from './lazyParts';

const Hello = ({ name }: { name: string }) => <p>Hello {name}</p>;

describe('lazyPart', () => {
  it('imports once however many ask, and tries again after a failed load', async () => {
    const importer = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({ Hello });
    const part = lazyPart(importer);
    expect(part.loaded()).toBeUndefined();
    await expect(part.load()).rejects.toThrow('offline');
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect(a).toBe(b);
    expect(importer).toHaveBeenCalledTimes(2);
    expect(part.loaded()).toEqual({ Hello });
  });
});

describe('lazyComponent', () => {
  it('suspends on the fallback while the part loads, then renders it', async () => {
    const part = lazyPart(() => new Promise<{ Hello: typeof Hello }>((resolve) => setTimeout(() => resolve({ Hello }), 20)));
    const Lazy = lazyComponent(part, (m) => m.Hello);
    render(<Suspense fallback={<p>loading</p>}><Lazy name="Ada" /></Suspense>);
    expect(screen.getByText('loading')).toBeInTheDocument();
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
  });

  it('given a part prefetched before its first render, renders it at once: no fallback, nothing suspends', async () => {
    const part = lazyPart(async () => ({ Hello }));
    await part.load();
    const Lazy = lazyComponent(part, (m) => m.Hello);
    render(<Suspense fallback={<p>loading</p>}><Lazy name="Grace" /></Suspense>);
    expect(screen.getByText('Hello Grace')).toBeInTheDocument();
    expect(screen.queryByText('loading')).toBeNull();
  });
});

describe('whenIdle', () => {
  it('without requestIdleCallback, runs the task on a timeout, and a cancelled task never runs', () => {
    vi.useFakeTimers();
    try {
      const idle = (window as { requestIdleCallback?: unknown }).requestIdleCallback;
      (window as { requestIdleCallback?: unknown }).requestIdleCallback = undefined;
      const task = vi.fn();
      const cancelled = vi.fn();
      whenIdle(task);
      whenIdle(cancelled)();
      vi.advanceTimersByTime(1000);
      expect(task).toHaveBeenCalledTimes(1);
      expect(cancelled).not.toHaveBeenCalled();
      (window as { requestIdleCallback?: unknown }).requestIdleCallback = idle;
    } finally {
      vi.useRealTimers();
    }
  });
});

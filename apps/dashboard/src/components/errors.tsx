import { Component, type ErrorInfo, type ReactNode } from 'react';

/** A failure in words, announced to screen readers. */
export function ErrorMessage(props: { readonly message: string | null; readonly id?: string }) {
  if (!props.message) return null;
  return (
    <p className="error" role="alert" id={props.id}>
      {props.message}
    </p>
  );
}

/** A render failure shows a message and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ readonly children: ReactNode }, { readonly failed: string | null }> {
  override state = { failed: null as string | null };

  static getDerivedStateFromError(error: unknown): { failed: string } {
    return { failed: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('dashboard render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.failed === null) return this.props.children;
    return (
      <main className="page" id="main">
        <h1>Something went wrong on this page</h1>
        <p role="alert">The page could not be shown ({this.state.failed}). Your credits and keys are not affected.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </main>
    );
  }
}

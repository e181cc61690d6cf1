import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';

/** The dashboard's base path (Vite's `base`), without the trailing slash. */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

const CHANGE = 'dashboard:navigate';

/** The path inside the dashboard: `/`, `/keys`, `/checkout/<id>`... */
function currentPath(): string {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : window.location.pathname;
  return path === '' ? '/' : path;
}

export function navigate(path: string): void {
  window.history.pushState(null, '', `${BASE}${path}`);
  window.dispatchEvent(new Event(CHANGE));
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return path;
}

/** A link inside the dashboard: a real <a href> (keyboard, new tab), navigated without a reload. */
export function Link(props: { readonly to: string; readonly children: ReactNode; readonly current?: boolean; readonly className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a href={`${BASE}${props.to}`} onClick={onClick} className={props.className} aria-current={props.current ? 'page' : undefined}>
      {props.children}
    </a>
  );
}

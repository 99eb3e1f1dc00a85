import { forwardRef, version, type ReactNode } from 'react';

/**
 * A component that takes `ref` as a prop, React 19's idiom, on React 18 too (the package supports
 * both). React 19 passes `ref` to a function component in its props: there the component is
 * returned as it is, same function, same type. React 18 strips `ref` from the props (and warns)
 * unless the component is a forwardRef: there it is wrapped in one that hands the ref back in as
 * the `ref` prop, so a host's ref, react-hook-form's `field.ref` or our own focus refs reach the
 * element on both.
 * @example
 * export const Badge = withRef(function Badge({ className, ...props }: BadgeProps) { return <span {...props} />; });
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: C keeps its own.
export function withRef<C extends (props: any) => ReactNode>(component: C): C {
  if (refIsAProp) return component;
  const forwarded = forwardRef<unknown, object>((props, ref) => component({ ...props, ref }));
  forwarded.displayName = component.name;
  return forwarded as unknown as C;
}

/** React 19 and later pass `ref` as a prop to function components. */
const refIsAProp = Number.parseInt(version, 10) >= 19;

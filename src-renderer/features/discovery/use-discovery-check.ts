import { useEffect, useMemo, useState } from 'react';
import { useRendererApi } from '../../api/api-context';
import type { DiscoveryForm } from './discovery-form';
import { buildDiscoveryRequest, problemsOfError, type BuiltRequest, type FieldProblems } from './discovery-validation';

/** Typing pauses this long before the server counts the addresses again. */
const CHECK_DEBOUNCE_MS = 400;

export type CheckState =
  | { kind: 'invalid' }
  | { kind: 'counting' }
  | { kind: 'counted'; addresses: number; names: number }
  | { kind: 'refused'; problems: FieldProblems };

/**
 * The form checked as it is typed: the schema's verdict at once, then (debounced) the server's
 * discovery.check, which counts the addresses or names the bad address or CSV line. A reply to
 * an older form is dropped.
 */
export function useDiscoveryCheck(form: DiscoveryForm, active: boolean): { built: BuiltRequest; check: CheckState } {
  const { api } = useRendererApi();
  const built = useMemo(() => buildDiscoveryRequest(form), [form]);
  const [check, setCheck] = useState<CheckState>({ kind: 'invalid' });

  useEffect(() => {
    if (!active || !built.ok) {
      setCheck({ kind: 'invalid' });
      return;
    }
    let current = true;
    setCheck({ kind: 'counting' });
    const timer = window.setTimeout(() => {
      api.discovery.check({ request: built.request }).then(
        (counted) => current && setCheck({ kind: 'counted', addresses: counted.addresses, names: counted.names }),
        (caught: unknown) => current && setCheck({ kind: 'refused', problems: problemsOfError(caught, built.kinds) }),
      );
    }, CHECK_DEBOUNCE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, built, active]);

  return { built, check };
}

import { MantineProvider, localStorageColorSchemeManager } from '@mantine/core';
import { AppLayout } from './app-layout';
import { SessionGate } from './session-gate';
import { cssVariablesResolver, theme } from './theme';

// The light/dark choice is remembered; until one is made the OS setting decides.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'printdeck.color-scheme' });

/** The console: theme, sign-in and connection, then the layout. */
export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <SessionGate>{(info) => <AppLayout info={info} />}</SessionGate>
    </MantineProvider>
  );
}

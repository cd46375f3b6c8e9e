import { MantineProvider, createTheme, localStorageColorSchemeManager } from '@mantine/core';
import { AppLayout } from './app-layout';
import { SessionGate } from './session-gate';

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif',
});

// The light/dark choice is remembered; until one is made the OS setting decides.
const colorSchemeManager = localStorageColorSchemeManager({ key: 'printdeck.color-scheme' });

/** The console: theme, sign-in and connection, then the layout. */
export function App() {
  return (
    <MantineProvider theme={theme} colorSchemeManager={colorSchemeManager} defaultColorScheme="auto">
      <SessionGate>{(info) => <AppLayout info={info} />}</SessionGate>
    </MantineProvider>
  );
}

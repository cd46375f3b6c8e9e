// Builds the renderer (src-renderer) into dist/renderer. base './' because the same files are
// loaded from file:// by the Electron window and from http:// by the headless server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});

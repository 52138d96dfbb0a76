import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` that sits next to the module at `fromUrl`. The built daemon
 * runs compiled JavaScript; under vitest and tsx the sources are TypeScript and a worker does
 * not inherit the loader, so it registers tsx itself before importing the worker module.
 */
export function startWorker(fromUrl: string, name: string, workerData: unknown): Worker {
  if (!fromUrl.endsWith('.ts')) return new Worker(new URL(`./${name}.js`, fromUrl), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL(`./${name}.ts`, fromUrl).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(worker)}); });`, { eval: true, workerData });
}

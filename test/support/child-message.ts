// The next IPC message of a forked helper process (a flood sender, a stream client), or an error
// when it exits first.
import type { ChildProcess } from 'node:child_process';

export function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`A helper process exited with ${code} before answering.`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as T);
    });
  });
}

import { onBeforeUnmount, onMounted, ref } from 'vue';
import { useReaderStore } from './reader-store';

const hasFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'));

/**
 * A message file dropped anywhere on the window opens read-only in the reading pane. Only drags
 * that carry files count: moving messages between folders drags ids, not files.
 */
export function useMessageFileDrop() {
  const reader = useReaderStore();
  const dragging = ref(false);
  let depth = 0;

  const enter = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    depth++;
    dragging.value = true;
  };
  const leave = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) dragging.value = false;
  };
  const over = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };
  const drop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    // Never let the browser navigate to a dropped file.
    event.preventDefault();
    depth = 0;
    dragging.value = false;
    const file = event.dataTransfer?.files[0];
    if (file) void reader.openFile(file);
  };

  onMounted(() => {
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('dragenter', enter);
    window.removeEventListener('dragleave', leave);
    window.removeEventListener('dragover', over);
    window.removeEventListener('drop', drop);
  });
  return { dragging };
}

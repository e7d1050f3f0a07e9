// Unit tests render a few single-file components (server-side, no DOM); the node project's type check sees them as components.
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}

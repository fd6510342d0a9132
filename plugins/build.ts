/** Builds the first-party Wasm plugins in plugins/ (AssemblyScript + @extism/as-pdk). */
// TODO(#6): reference render plugins land with chart-defined plugins.
console.error("no plugins to build yet");

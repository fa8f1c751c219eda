// Rendered in the browser: the map needs WebGL, and the UI language lives in the browser
// (localStorage), so server-rendered text could come out in the wrong language.
export const ssr = false;

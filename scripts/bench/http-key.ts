// The SDK key the HTTP benchmark's evaluate server accepts.
export const BENCH_KEY = 'bench-sdk-key-0000000001';

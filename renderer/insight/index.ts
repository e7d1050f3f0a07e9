// Insight: the protocol log, an account's server report and a message's route.
export { default as MessageRoute } from './MessageRoute.vue';
export { default as ServerReport } from './ServerReport.vue';
export { default as TranscriptViewer } from './TranscriptViewer.vue';
export { useInsightStore } from './insight-store';

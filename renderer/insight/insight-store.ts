import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface TranscriptFilter {
  session?: string;
  accountId?: string;
}

/** Which insight view is open: the protocol log (maybe at one session) or an account's server report. */
export const useInsightStore = defineStore('insight', () => {
  const transcript = ref<TranscriptFilter>();
  const reportAccountId = ref<string>();

  function openTranscript(filter: TranscriptFilter = {}): void {
    transcript.value = { ...filter };
  }

  function openReport(accountId: string): void {
    reportAccountId.value = accountId;
  }

  return { transcript, reportAccountId, openTranscript, openReport, closeTranscript: () => (transcript.value = undefined), closeReport: () => (reportAccountId.value = undefined) };
});

import { defineStore } from 'pinia';
import { api } from '../api';
import { createSecretStorage } from './secret-storage';

/** The window's one view of how passwords are kept (settings panel, unlock dialog, error notices). */
export const useSecretStorageStore = defineStore('secretStorage', () => createSecretStorage(api));

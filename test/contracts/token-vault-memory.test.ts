import { createMemoryVaultStore, initMemoryVault, openMemoryVault } from '../../src/vault/index.js';
import { describeTokenVault } from './token-vault.contract.js';

describeTokenVault('in-memory', () => {
  const store = createMemoryVaultStore();
  return { init: (kek) => initMemoryVault(store, kek), open: (kek) => openMemoryVault(store, kek) };
});

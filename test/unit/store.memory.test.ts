import { MemoryStore } from '../../core/store/MemoryStore';
import { describeStoreContract } from '../helpers/storeContract';

describeStoreContract('memory', async () => new MemoryStore());

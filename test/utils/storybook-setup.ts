// The browser project renders the stories (test/utils/stories.tsx): the preview's loaders,
// decorators and globals apply to every composed story, plus a hook keeping the story's backend.
import { setProjectAnnotations } from '@storybook/react-vite';
import * as preview from '../../.storybook/preview';
import { keepStoryBackend } from './stories';

setProjectAnnotations([preview, keepStoryBackend]);

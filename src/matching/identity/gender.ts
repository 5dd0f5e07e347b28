export type Gender = 'male' | 'female' | 'other';

const GENDERS: Readonly<Record<string, Gender>> = {
  male: 'male', m: 'male', man: 'male',
  female: 'female', f: 'female', woman: 'female',
  other: 'other', x: 'other', diverse: 'other', 'non-binary': 'other',
};

/** `readGender("Male")` → `"male"`; undefined when the text is not a gender. */
export function readGender(text: string): Gender | undefined {
  return GENDERS[text.trim().toLowerCase()];
}

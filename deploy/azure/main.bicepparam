// Example parameters: copy, adjust, and pass with -p. Every parameter has a default; these are the ones
// people change.
using 'main.bicep'

param namePrefix = 'quizbot'
param appServiceSku = 'B1'
param botSku = 'F0'
param botDisplayName = 'QuizBot'

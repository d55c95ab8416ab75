export * from './document/resume-document.dto';
export * from './dto/resume-request.dto';
export * from './dto/resume-response.dto';
export * from './resumes.errors';
export * from './resumes.module';
export * from './resumes.service';
